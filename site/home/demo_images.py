"""Pictures for the demo, drawn locally with Pillow (nothing is downloaded):
initials avatars for speakers, hero banners, a maturity-model diagram and
conference "photos" made of simple shapes."""

import hashlib
import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# Colours dark enough for white text to meet WCAG AA on them.
PALETTE = ["#1d4e89", "#7a2e8e", "#0b6e4f", "#8f3b1b", "#364152", "#a0153e", "#2c5f2d", "#5b3e96"]
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]


@cache
def font(size, bold=True):
    """DejaVu where the system has it, else Pillow's own scalable font."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size=size)


def colour_for(text):
    """A stable colour for a name, so a rerun draws the same picture."""
    digest = hashlib.sha256(text.encode()).digest()
    return PALETTE[digest[0] % len(PALETTE)]


def to_png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def initials(name):
    parts = [part for part in name.replace("Dr ", "").split() if part[:1].isalpha()]
    if not parts:
        return "?"
    letters = parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")
    return letters.upper()


def centred_text(draw, box, text, fill, size, bold=True):
    left, top, right, bottom = box
    face = font(size, bold)
    x0, y0, x1, y1 = draw.textbbox((0, 0), text, font=face)
    x = left + (right - left - (x1 - x0)) / 2 - x0
    y = top + (bottom - top - (y1 - y0)) / 2 - y0
    draw.text((x, y), text, font=face, fill=fill)


def avatar(name, size=400):
    """A square portrait placeholder: the person's initials on a colour."""
    image = Image.new("RGB", (size, size), colour_for(name))
    draw = ImageDraw.Draw(image)
    centred_text(draw, (0, 0, size, size), initials(name), "#ffffff", size // 3)
    return to_png(image)


def hero(title, subtitle="", width=1600, height=600):
    """A banner: a diagonal two-colour field with the title set on it."""
    base = colour_for(title)
    image = Image.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(image)
    accent = colour_for(title + "accent")
    draw.polygon([(width * 0.55, 0), (width, 0), (width, height), (width * 0.35, height)], accent)
    for i in range(6):
        radius = 60 + i * 45
        cx, cy = int(width * 0.82), int(height * 0.5)
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius), outline="#ffffff", width=2
        )
    draw.text((80, height * 0.36), title, font=font(64), fill="#ffffff")
    if subtitle:
        draw.text((82, height * 0.36 + 95), subtitle, font=font(34, bold=False), fill="#ffffff")
    return to_png(image)


MATURITY_STAGES = [
    ("1", "Ad hoc", "Teams post on\ntheir own"),
    ("2", "Coordinated", "Shared calendar\nand guidelines"),
    ("3", "Centre of\nexcellence", "One team sets\nstandards, trains"),
    ("4", "Embedded", "Every function\nuses social well"),
    ("5", "Social\nbusiness", "Listening shapes\ndecisions"),
]


def maturity_model(width=1400, height=800):
    """The centre-of-excellence maturity model: five rising steps."""
    image = Image.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.text((60, 40), "Social media maturity model", font=font(48), fill="#1a1a1a")
    draw.text(
        (60, 105),
        "From scattered accounts to a social business (illustrative)",
        font=font(28, bold=False),
        fill="#3d3d3d",
    )
    step_width = (width - 120) // len(MATURITY_STAGES)
    for i, (number, label, note) in enumerate(MATURITY_STAGES):
        step_height = 160 + i * 90
        left = 60 + i * step_width
        top = height - 40 - step_height
        colour = PALETTE[i % len(PALETTE)]
        draw.rectangle((left + 6, top, left + step_width - 6, height - 40), fill=colour)
        draw.text((left + 24, top + 16), number, font=font(44), fill="#ffffff")
        draw.multiline_text((left + 24, top + 76), label, font=font(28), fill="#ffffff")
        draw.multiline_text(
            (left + 24, top - 80), note, font=font(22, bold=False), fill="#1a1a1a", spacing=6
        )
    return to_png(image)


def conference_photo(scene, seed, width=1200, height=800):
    """A stylised photo of a conference room: a stage, a screen and an audience."""
    digest = hashlib.sha256(f"{scene}{seed}".encode()).digest()
    image = Image.new("RGB", (width, height), "#2b2d42")
    draw = ImageDraw.Draw(image)
    # The screen at the back, with the scene's words on it.
    draw.rectangle((width * 0.2, 60, width * 0.8, 360), fill=colour_for(scene))
    centred_text(draw, (width * 0.2, 60, width * 0.8, 360), scene, "#ffffff", 44)
    # The stage and the people on it.
    draw.rectangle((0, 400, width, 470), fill="#8d99ae")
    people_on_stage = 1 + digest[1] % 4
    for i in range(people_on_stage):
        x = width * (i + 1) / (people_on_stage + 1)
        draw.ellipse((x - 22, 300, x + 22, 344), fill="#edf2f4")
        draw.rounded_rectangle((x - 34, 344, x + 34, 410), radius=14, fill=PALETTE[i])
    # The audience: rows of heads, seen from behind.
    for row in range(4):
        y = 520 + row * 70
        for col in range(14):
            shade = 40 + (digest[(row * 14 + col) % 32] % 60)
            x = 50 + col * 82 + (row % 2) * 40
            draw.ellipse((x, y, x + 48, y + 48), fill=(shade, shade, shade + 20))
    return to_png(image)
