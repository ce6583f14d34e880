"""Build WuyeDesk for the platform this runs on: a PyInstaller one-folder bundle, then a package.

    python build_installer.py [--dist DIR] [--work DIR] [--no-archive] [--no-install]

First the running Python gets the project's packages at the versions pinned in
`constraints.txt` (the ones the test suite passes on; `--no-install` skips this), so a bundle
never carries a version nobody tested.

Linux writes `dist/wuyedesk/` and `dist/wuyedesk-<version>-linux-<machine>.tar.gz`; Windows
writes `dist/wuyedesk/` and `build/pyinstaller/wuyedesk.iss` (an Inno Setup script, compiled
when `ISCC.exe` is found). PyInstaller cannot cross-compile: the Windows build runs on Windows.

The bundle is one program, `wuye`: with no subcommand it opens the window. Most of a PySide6
bundle's size comes from Qt plugins we never load (PLATFORM.md), so the generated spec asks this
module which plugins, translations and libraries to keep: the rules live here, in plain Python
that the tests call directly.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent
NAME = "wuyedesk"  # distribution name, bundle folder, archive prefix
EXE = "wuye"  # the command; console on Linux, so the CLI prints
GUI_EXE = "wuye-gui"  # Windows only: the same program without a console, for the Start menu
DISPLAY_NAME = "WuyeDesk 社区物业工作台"
# Inno Setup recognises an installed copy by this id: never change it, or an upgrade installs
# beside the old copy instead of over it.
INNO_APP_ID = "8C1B4D0E-5A53-4F49-9E43-2B7F6C1D9A21"
MIGRATIONS = ROOT / "app" / "db" / "migrations"

# The PySide6 modules the code imports, plus QtPrintSupport for printing (its cups plugin
# comes with it) and the OpenGL modules QtCharts links against. Every other PySide6 module
# is excluded, so no hook collects its plugins.
QT_MODULES = frozenset(
    {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtPdf", "QtPdfWidgets", "QtCharts",
     "QtOpenGL", "QtOpenGLWidgets"}
)  # fmt: skip
OTHER_EXCLUDES = (
    "tkinter",
    "_tkinter",
    "PIL.ImageTk",
    "PIL._imagingtk",
    "PIL.ImageQt",  # would look for PyQt5/PyQt6 as well
    "PIL._avif",  # 4.8 MiB of libavif; reportlab never reads AVIF
    "PIL.AvifImagePlugin",
    "IPython",
    "pytest",
    "hypothesis",
)

# Qt plugins by type: the file stems kept ("lib" prefix and extension removed), or None to keep
# the whole type. Types not named here (Wayland, EglFS, evdev, virtual keyboard, network, TLS)
# are dropped. Without the Wayland plugin Qt falls back to xcb, which runs under XWayland.
QT_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qxcb", "qoffscreen", "qminimal", "qwindows", "qcocoa"}),
    # GTK3's theme would bring cairo, pango and GDK; the portal theme only needs D-Bus.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # Chinese input: ibus (also spoken by fcitx5), fcitx if present, compose keys. Not the
    # virtual keyboard, which drags in Qml and Quick.
    "platforminputcontexts": frozenset(
        {
            "ibusplatforminputcontextplugin",
            "fcitx5platforminputcontextplugin",
            "fcitxplatforminputcontextplugin",
            "composeplatforminputcontextplugin",
        }
    ),
    # PNG is built into QtGui; the PDF image plugin alone costs 4.4 MiB (libQt6Pdf).
    "imageformats": frozenset({"qjpeg", "qsvg", "qico"}),
    "iconengines": frozenset({"qsvgicon"}),
    "printsupport": None,
    "styles": None,
    "xcbglintegrations": None,
}
# Qt's own translations: Chinese only. ui/i18n.py loads qtbase_zh_CN for the standard buttons.
QT_TRANSLATIONS = frozenset({"qt_zh_CN.qm", "qtbase_zh_CN.qm"})

# A TOC entry as PyInstaller's Analysis lists binaries and datas: (dest, source, typecode).
Entry = tuple[str, str, str]


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The one version string: the bundle's metadata, archive name and installer all read it."""
    with pyproject.open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def platform_tag() -> str:
    """`linux-x86_64`, `windows-amd64`…: names the archive so two builds never collide."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def write_metadata(folder: Path, version: str) -> Path:
    """A minimal `.dist-info`, so `importlib.metadata.version("wuyedesk")` works in the bundle.

    PyInstaller's `copy_metadata` would copy the installed distribution's, which is missing when
    the tree was never pip-installed and stale when the version changed after an editable
    install; pyproject.toml is the source of truth.
    """
    info = folder / f"{NAME}-{version}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {version}\n", encoding="utf-8"
    )
    return info


def bundle_datas(metadata: Path) -> list[tuple[str, str]]:
    """Files the program opens by path: resources, Alembic's migrations, the metadata.

    Alembic loads env.py and versions/*.py from a directory, so they travel as files, at the
    place `app.db.migrate.MIGRATIONS_DIR` computes from its own `__file__`.
    """
    datas = [
        (str(path), str(path.parent.relative_to(ROOT)))
        for path in sorted((ROOT / "resources").rglob("*"))
        if path.is_file() and path.suffix != ".ts"  # .ts is the translators' source of the .qm
    ]
    migration_files = [MIGRATIONS / "env.py", MIGRATIONS / "script.py.mako"]
    migration_files += sorted((MIGRATIONS / "versions").glob("*.py"))
    datas += [(str(p), str(p.parent.relative_to(ROOT))) for p in migration_files]
    datas.append((str(metadata), metadata.name))
    return datas


def migration_imports() -> list[str]:
    """Modules the migration scripts import: Alembic runs them from files, so PyInstaller's
    analysis never sees these imports unless they are named."""
    names: set[str] = set()
    for script in [MIGRATIONS / "env.py", *sorted((MIGRATIONS / "versions").glob("*.py"))]:
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                # `from alembic import op` names a module; `from app.models import Base` does not
                names.update(
                    f"{node.module}.{alias.name}"
                    for alias in node.names
                    if _is_module(f"{node.module}.{alias.name}")
                )
    return sorted(names)


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, AttributeError, ValueError):
        return False


def hidden_imports() -> list[str]:
    """Our packages whole (the CLI reaches the window by name, `importlib.import_module("ui.app")`),
    the printing module, ReportLab's accelerator, and what the migrations import."""
    from PyInstaller.utils.hooks import collect_submodules

    ours = [
        name
        for package in ("app", "ui", "reports")
        for name in collect_submodules(package)
        if not name.startswith("app.db.migrations.")  # env.py runs only under Alembic
    ]
    # ReportLab imports its C accelerator by a string it execs, which PyInstaller cannot see.
    return sorted({*ours, "PySide6.QtPrintSupport", "_rl_accel", *migration_imports()})


def excluded_modules() -> list[str]:
    """Every PySide6 module the program does not use, and a few large optional imports."""
    import PySide6

    available = {
        path.name.split(".")[0]
        for path in Path(PySide6.__file__).parent.iterdir()
        if path.name.startswith("Qt") and path.suffix in {".so", ".pyd"}
    }
    unused = sorted(f"PySide6.{m}" for m in available - QT_MODULES)
    return unused + list(OTHER_EXCLUDES)


def qt_plugin(dest: str) -> tuple[str, str] | None:
    """(plugin type, file stem) when `dest` is a Qt plugin, else None.

    Plugins sit at PySide6/Qt/plugins/<type>/libq….so (Linux, macOS) or
    PySide6/plugins/<type>/q….dll (Windows).
    """
    parts = PurePath(dest.replace("\\", "/")).parts
    if len(parts) < 4 or parts[0] != "PySide6" or parts[-3] != "plugins":
        return None
    return parts[-2], parts[-1].split(".")[0].removeprefix("lib")


def keep_qt_plugin(dest: str) -> bool:
    found = qt_plugin(dest)
    if found is None:
        return True
    kind, stem = found
    if kind not in QT_PLUGINS:
        return False
    wanted = QT_PLUGINS[kind]
    return wanted is None or stem in wanted


def keep_data(entry: Entry) -> bool:
    """Qt's translations: Chinese only; everything else stays."""
    parts = PurePath(entry[0].replace("\\", "/")).parts
    if len(parts) >= 2 and parts[-2] == "translations" and parts[-1].endswith(".qm"):
        return parts[-1] in QT_TRANSLATIONS
    return True


def _key(name: str) -> str:
    """Library names compare by file name; Windows ignores case."""
    base = PurePath(name.replace("\\", "/")).name
    return base.lower() if sys.platform == "win32" else base


def prune_binaries(binaries: Sequence[Entry], needs: dict[str, set[str]]) -> list[Entry]:
    """Drop the Qt plugins we do not keep, then the libraries only they needed.

    `needs` maps a binary's file name to the names it links against. A library goes only when
    a dropped plugin links it, directly or through others, and no kept binary does; so
    libpython, extension modules and ctypes targets, which no plugin links, always stay.
    """
    by_key = {_key(dest): (dest, src, kind) for dest, src, kind in binaries}

    def reach(roots: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        todo = [_key(r) for r in roots]
        while todo:
            key = todo.pop()
            if key in seen or key not in by_key:
                continue
            seen.add(key)
            todo.extend(_key(n) for n in needs.get(key, ()))
        return seen

    dropped_plugins = [dest for dest, _, _ in binaries if not keep_qt_plugin(dest)]
    doomed = reach(dropped_plugins)
    still_needed = reach(_key(dest) for dest, _, _ in binaries if _key(dest) not in doomed)
    gone = doomed - still_needed
    return [entry for entry in binaries if _key(entry[0]) not in gone]


def linked_libraries(binaries: Sequence[Entry]) -> dict[str, set[str]]:
    """What each collected binary links against, read the way PyInstaller reads it."""
    from PyInstaller.depend.bindepend import get_imports

    needs: dict[str, set[str]] = {}
    for dest, src, kind in binaries:
        if kind in {"BINARY", "EXTENSION"} and os.path.isfile(src):
            needs[_key(dest)] = {_key(name) for name, _ in get_imports(src)}
    return needs


def keep_binaries(binaries: Sequence[Entry]) -> list[Entry]:
    """Called by the generated spec on `a.binaries`."""
    return prune_binaries(binaries, linked_libraries(binaries))


def keep_datas(datas: Sequence[Entry], binaries: Sequence[Entry]) -> list[Entry]:
    """Called by the generated spec on `a.datas`, after `keep_binaries`.

    PyInstaller lists its top-level links to Qt's libraries (libQt6Pdf.so.6 ->
    PySide6/Qt/lib/libQt6Pdf.so.6) among the datas; a link whose library was pruned goes too.
    """
    present = {_key_path(dest) for dest, _, kind in [*binaries, *datas] if kind != "SYMLINK"}

    def target_kept(dest: str, src: str) -> bool:
        return _key_path(os.path.join(os.path.dirname(dest), src)) in present

    return [
        entry
        for entry in datas
        if keep_data(entry) and (entry[2] != "SYMLINK" or target_kept(entry[0], entry[1]))
    ]


def _key_path(name: str) -> str:
    return os.path.normpath(name).replace("\\", "/")


SPEC = """\
# Generated by build_installer.py: change that script, not this file.
import sys

sys.path.insert(0, {root!r})
import build_installer as b

a = Analysis(
    [{entry!r}],
    pathex=[{root!r}],
    datas=b.bundle_datas(b.Path({metadata!r})),
    hiddenimports=b.hidden_imports(),
    excludes=b.excluded_modules(),
)
a.binaries = b.keep_binaries(a.binaries)
a.datas = b.keep_datas(a.datas, a.binaries)
pyz = PYZ(a.pure)
programs = [
    EXE(pyz, a.scripts, [], exclude_binaries=True, name={exe!r}, console=True,
        strip={strip!r}, upx=False)
]
if sys.platform == "win32":
    programs.append(
        EXE(pyz, a.scripts, [], exclude_binaries=True, name={gui_exe!r}, console=False,
            strip=False, upx=False)
    )
COLLECT(*programs, a.binaries, a.datas, strip={strip!r}, upx=False, name={name!r})
"""

ENTRY = '''\
"""The bundle's one entry point: `wuye` with no subcommand opens the window."""
import os
import sys
from pathlib import Path

# Chinese input under fcitx5: the PySide6 wheel has no fcitx plugin, and a system one is built
# against another Qt and cannot load. fcitx5 also speaks the ibus protocol, whose plugin we ship.
if sys.platform == "linux" and os.environ.get("QT_IM_MODULE", "").startswith("fcitx"):
    inputs = Path(sys._MEIPASS, "PySide6", "Qt", "plugins", "platforminputcontexts")
    if not any("fcitx" in plugin.name for plugin in inputs.iterdir()):
        os.environ["QT_IM_MODULE"] = "ibus"

from app.cli import main

main()
'''


def write_spec(work: Path, version: str) -> Path:
    """The spec and its entry script go to the work dir; the rules stay in this module."""
    work.mkdir(parents=True, exist_ok=True)
    entry = work / f"{EXE}.py"
    entry.write_text(ENTRY, encoding="utf-8")
    metadata = write_metadata(work / "metadata", version)
    # strip removes debug symbols (libpython alone drops ~19 MiB); binutils, Linux only.
    strip = sys.platform == "linux" and shutil.which("strip") is not None
    spec = work / f"{NAME}.spec"
    spec.write_text(
        SPEC.format(
            root=str(ROOT),
            entry=str(entry),
            metadata=str(metadata),
            exe=EXE,
            gui_exe=GUI_EXE,
            strip=strip,
            name=NAME,
        ),
        encoding="utf-8",
    )
    return spec


def render_iss(version: str, bundle: Path, output_dir: Path) -> str:
    """Inno Setup script: installs the bundle, a Start-menu group and an uninstaller.

    Per-user by default (no administrator needed; the dialog offers all users). The uninstaller
    removes only what it installed: user data lives in %LOCALAPPDATA%\\WuyeDesk and survives.
    """
    return f"""\
; Generated by build_installer.py for WuyeDesk {version}. Compile with ISCC.exe (Inno Setup 6).
[Setup]
AppId={{{{{INNO_APP_ID}}}
AppName=WuyeDesk
AppVersion={version}
AppVerName={DISPLAY_NAME} {version}
VersionInfoVersion={version}
DefaultDirName={{autopf}}\\WuyeDesk
DefaultGroupName={DISPLAY_NAME}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={output_dir}
OutputBaseFilename={NAME}-{version}-{platform_tag()}-setup
UninstallDisplayIcon={{app}}\\{GUI_EXE}.exe
UninstallDisplayName={DISPLAY_NAME} {version}
Compression=lzma2
SolidCompression=yes

[InstallDelete]
; an upgrade replaces the program folder whole, so no file of the old version lingers
Type: filesandordirs; Name: "{{app}}\\_internal"

[Files]
Source: "{bundle}\\*"; DestDir: "{{app}}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{{group}}\\{DISPLAY_NAME}"; Filename: "{{app}}\\{GUI_EXE}.exe"
Name: "{{group}}\\{{cm:UninstallProgram,WuyeDesk}}"; Filename: "{{uninstallexe}}"

[Run]
Filename: "{{app}}\\{GUI_EXE}.exe"; Description: "{{cm:LaunchProgram,WuyeDesk}}"; \
Flags: nowait postinstall skipifsilent
"""


def inno_compiler() -> Path | None:
    found = shutil.which("iscc")
    if found:
        return Path(found)
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        candidate = Path(base or "") / "Inno Setup 6" / "ISCC.exe"
        if base and candidate.is_file():
            return candidate
    return None


def write_installer(work: Path, dist: Path, bundle: Path, version: str) -> Path:
    """Windows: the .iss, compiled to `dist/…-setup.exe` when Inno Setup is installed."""
    iss = work / f"{NAME}.iss"
    # Inno Setup 6 reads UTF-8 only with a BOM; the group name is Chinese.
    iss.write_text(render_iss(version, bundle, dist), encoding="utf-8-sig")
    compiler = inno_compiler()
    if compiler is None:
        print(f"Inno Setup not found: install it, then run  ISCC.exe {iss}")
    else:
        subprocess.run([str(compiler), "/Q", str(iss)], check=True)
    return iss


def write_archive(bundle: Path, dist: Path, version: str) -> Path:
    """`<name>-<version>-<platform>.tar.gz` holding the bundle as `<name>-<version>/`.

    Written under a temporary name and renamed, so a failed run never leaves a truncated archive
    that looks finished.
    """
    target = dist / f"{NAME}-{version}-{platform_tag()}.tar.gz"
    partial = target.with_name(target.name + ".partial")
    with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"{NAME}-{version}")
    partial.replace(target)
    return target


def tree_size(folder: Path) -> int:
    """Bytes on disk as the user will download them: symlinks count once, as links."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir() or p.is_symlink())


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the generated spec; returns the bundle folder."""
    import PyInstaller.__main__

    spec = write_spec(work, project_version())
    PyInstaller.__main__.run(
        [
            str(spec),
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            "--noconfirm",
            "--log-level",
            "WARN",
        ]
    )
    return dist / NAME


CONSTRAINTS = ROOT / "constraints.txt"


def install_command(python: str = sys.executable) -> list[str]:
    """pip, installing the project and its build tools at the pinned versions."""
    return [python, "-m", "pip", "install", "-q", "-c", str(CONSTRAINTS), "-e", f"{ROOT}[test]"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work"
    )
    parser.add_argument(
        "--no-archive", action="store_true", help="bundle only: no .tar.gz, no installer"
    )
    parser.add_argument(
        "--no-install", action="store_true", help="build with the packages installed now"
    )
    args = parser.parse_args(argv)
    if not args.no_install:
        subprocess.run(install_command(), check=True)
    dist, work = args.dist.resolve(), args.work.resolve()
    version = project_version()

    started = time.perf_counter()
    bundle = build(dist, work)
    print(f"bundle:  {bundle}  {mib(tree_size(bundle))}")
    if not args.no_archive:
        if sys.platform == "win32":
            print(f"installer script: {write_installer(work, dist, bundle, version)}")
        else:
            archive = write_archive(bundle, dist, version)
            print(f"archive: {archive}  {mib(archive.stat().st_size)}")
    print(f"WuyeDesk {version} built in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
