"""Maps the apps' top-level folders into the one installed package, `recap`.

In the repository each app is a folder at the top (events/, speakers/...);
installed, it is `recap.events`, `recap.speakers`... Everything else about
the package is declared in pyproject.toml; only the package list is computed
here, so a new sub-package (a templatetags or management folder) ships
without anyone remembering to list it.
"""

from setuptools import find_namespace_packages, setup

APP_FOLDERS = [
    "core",
    "speakers",
    "resources",
    "events",
    "materials",
    "questions",
    "writeups",
    "discover",
]

packages = ["recap", "recap.urls"]
package_dir = {"recap": "recap"}
for folder in APP_FOLDERS:
    package_dir[f"recap.{folder}"] = folder
    packages.append(f"recap.{folder}")
    # Every folder, data folders (templates/, static/, locale/) included:
    # setuptools sees those as namespace packages and warns when one is left
    # out of `packages`; listed, their files ship through package-data.
    packages += [
        f"recap.{folder}.{sub}"
        for sub in find_namespace_packages(where=folder, exclude=["*__pycache__*"])
    ]

setup(packages=packages, package_dir=package_dir)
