/* Chapter and transcript links seek the player on the page instead of
   leaving it (without JavaScript they open the video at that time), and
   show the transcript at that moment. The player is a <video> Recap serves
   (its currentTime) or a YouTube or Vimeo embed (reloaded at that time with
   the embed's own start parameter). */
(function () {
  "use strict";

  function seekVideo(video, seconds) {
    video.currentTime = seconds;
    var playing = video.play && video.play();
    if (playing && playing.catch) {
      playing.catch(function () {});
    }
  }

  function seekEmbed(frame, kind, seconds) {
    var url;
    try {
      url = new URL(frame.src, window.location.href);
    } catch (error) {
      return;
    }
    if (kind === "youtube") {
      url.searchParams.set("start", String(seconds));
      url.searchParams.set("autoplay", "1");
    } else if (kind === "vimeo") {
      url.searchParams.set("autoplay", "1");
      url.hash = "t=" + seconds + "s";
    } else {
      return;
    }
    frame.src = url.toString();
  }

  function showTranscriptAt(recording, seconds) {
    var transcript = recording.querySelector("[data-recap-transcript]");
    if (!transcript) {
      return;
    }
    transcript.open = true;
    var current = null;
    transcript.querySelectorAll("li[data-start]").forEach(function (item) {
      item.classList.remove("is-current");
      item.removeAttribute("aria-current");
      if (Number(item.getAttribute("data-start")) <= seconds) {
        current = item;
      }
    });
    current = current || transcript.querySelector("li[data-start]");
    if (current) {
      current.classList.add("is-current");
      current.setAttribute("aria-current", "true");
      current.scrollIntoView({ block: "nearest" });
    }
  }

  // A link to #transcript (from a write-up) opens it.
  if (window.location.hash === "#transcript") {
    var transcript = document.getElementById("transcript");
    if (transcript) {
      transcript.open = true;
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-recap-seek]") : null;
    if (!link) {
      return;
    }
    // A link elsewhere on the page (a question answered at a chapter) seeks
    // the page's one recording.
    var recording =
      link.closest("[data-recap-recording]") ||
      document.querySelector("[data-recap-recording]");
    if (!recording) {
      return;
    }
    var seconds = Number(link.getAttribute("data-recap-seek")) || 0;
    var player = recording.querySelector("[data-recap-player]");
    var kind = recording.getAttribute("data-player");
    var frame = player && player.tagName !== "VIDEO" ? player.querySelector("iframe") : null;
    var onPage = link.getAttribute("href").charAt(0) === "#";
    if (player && player.tagName === "VIDEO") {
      seekVideo(player, seconds);
      onPage = true;
    } else if (frame && (kind === "youtube" || kind === "vimeo")) {
      seekEmbed(frame, kind, seconds);
      onPage = true;
    }
    // With no player to seek, the link opens the video at that time.
    if (onPage) {
      event.preventDefault();
    }
    showTranscriptAt(recording, seconds);
  });
})();
