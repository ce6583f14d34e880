"""The installable bundle: built once per session, then run as a user would run it.

The slow tests build with `build_installer.py` into a temporary folder (about a minute) and run
the bundled `wuye` with HOME and the XDG folders pointing into tmp, so nothing is read from or
written to this machine's own user data. The quick tests check the build rules themselves.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
TODAY = "2026-11-25"  # demo data never depends on when the tests run


def _load_builder() -> ModuleType:
    """build_installer.py is a script at the top of the tree, not part of an installed package."""
    spec = importlib.util.spec_from_file_location("build_installer", ROOT / "build_installer.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _load_builder()
VERSION = builder.project_version()


class Built(NamedTuple):
    folder: Path  # dist/wuyedesk
    program: Path  # dist/wuyedesk/wuye
    archive: Path | None  # the .tar.gz (not on Windows)

    @property
    def internal(self) -> Path:
        """PyInstaller 6 keeps everything but the executables in `_internal/`."""
        return self.folder / "_internal"


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("installer")
    script = str(ROOT / "build_installer.py")
    result = subprocess.run(
        # --no-install: scripts/dev.sh installed the pinned versions already
        [sys.executable, script, "--dist", str(out / "dist"), "--work", str(out / "work"),
         "--no-install"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    folder = out / "dist" / "wuyedesk"
    archives = sorted((out / "dist").glob("*.tar.gz"))
    return Built(folder, folder / f"wuye{EXE_SUFFIX}", archives[0] if archives else None)


@pytest.fixture
def user_env(tmp_path: Path) -> dict[str, str]:
    """A user with an empty home: the program finds its user data directory from these."""
    env = {k: v for k, v in os.environ.items() if k != "WUYE_DB"}
    home = tmp_path / "home"
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        LOCALAPPDATA=str(home / "AppData" / "Local"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
        QT_QPA_PLATFORM="offscreen",
        LANG="C.UTF-8",
    )
    home.mkdir()
    return env


def run(built: Built, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(built.program), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=env["HOME"],
        timeout=120,
    )


# -- the bundle, run --------------------------------------------------------------------------


@pytest.mark.slow
def test_bundled_version_is_the_one_in_pyproject(bundle: Built, user_env: dict[str, str]) -> None:
    result = run(bundle, user_env, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wuye, version {VERSION}"


@pytest.mark.slow
def test_bundled_demo_and_check_run_the_migrations(
    bundle: Built, user_env: dict[str, str], tmp_path: Path
) -> None:
    db = tmp_path / "demo.sqlite"
    demo = run(bundle, user_env, "--db", str(db), "demo", "--seed", "1", "--today", TODAY)
    assert demo.returncode == 0, demo.stderr
    check = run(bundle, user_env, "--db", str(db), "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "数据库状态良好" in check.stdout


@pytest.mark.slow
def test_bundled_demo_without_db_writes_to_the_user_data_dir(
    bundle: Built, user_env: dict[str, str]
) -> None:
    result = run(bundle, user_env, "demo", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    if sys.platform == "win32":
        expected = Path(user_env["LOCALAPPDATA"]) / "WuyeDesk" / "wuyedesk.sqlite"
    else:
        expected = Path(user_env["XDG_DATA_HOME"]) / "WuyeDesk" / "wuyedesk.sqlite"
    assert expected.is_file()
    assert not [p for p in bundle.folder.rglob("*") if ".sqlite" in p.name]


@pytest.mark.slow
def test_bundled_window_paints_offscreen_and_exits_cleanly(
    bundle: Built, user_env: dict[str, str], tmp_path: Path
) -> None:
    result = run(bundle, user_env, "--db", str(tmp_path / "w.sqlite"), "gui", "--quit-after-paint")
    assert result.returncode == 0, result.stderr
    assert "painted" in result.stdout


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="fcitx is a Linux input method")
def test_fcitx_users_get_the_bundled_ibus_input_plugin(
    bundle: Built, user_env: dict[str, str], tmp_path: Path
) -> None:
    env = {**user_env, "QT_IM_MODULE": "fcitx", "QT_DEBUG_PLUGINS": "1"}
    result = run(bundle, env, "--db", str(tmp_path / "w.sqlite"), "gui", "--quit-after-paint")
    assert result.returncode == 0, result.stderr[-3000:]
    assert 'libibusplatforminputcontextplugin.so" loaded library' in result.stderr


# -- the bundle, looked at --------------------------------------------------------------------


@pytest.mark.slow
def test_our_translation_is_where_resource_dir_looks_in_a_bundle(bundle: Built) -> None:
    # app.paths.resource_dir() tries sys._MEIPASS/resources first; _MEIPASS is _internal/
    source = ROOT / "resources" / "i18n" / "wuyedesk_zh_CN.qm"
    bundled = bundle.internal / "resources" / "i18n" / "wuyedesk_zh_CN.qm"
    assert bundled.read_bytes() == source.read_bytes()


@pytest.mark.slow
def test_qt_translations_are_chinese_only(bundle: Built) -> None:
    found = {p.name for p in bundle.internal.rglob("*.qm") if p.parent.name == "translations"}
    assert found == {"qt_zh_CN.qm", "qtbase_zh_CN.qm"}


@pytest.mark.slow
def test_migrations_travel_as_files_alembic_can_load(bundle: Built) -> None:
    migrations = bundle.internal / "app" / "db" / "migrations"
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    assert {p.name for p in (migrations / "versions").glob("*.py")} == {
        p.name for p in (ROOT / "app" / "db" / "migrations" / "versions").glob("*.py")
    }


def _plugins(built: Built) -> set[str]:
    return {
        f"{p.parent.name}/{p.name.split('.')[0].removeprefix('lib')}"
        for p in built.internal.rglob("*")
        if p.parent.parent.name == "plugins" and p.is_file()
    }


@pytest.mark.slow
def test_chinese_input_printing_and_desktop_plugins_are_kept(bundle: Built) -> None:
    wanted = {"platforms/qoffscreen", "platforms/qminimal", "imageformats/qjpeg"}
    if sys.platform == "linux":
        wanted |= {
            "platforms/qxcb",
            "platforminputcontexts/ibusplatforminputcontextplugin",
            "platforminputcontexts/composeplatforminputcontextplugin",
            "printsupport/cupsprintersupport",
            "xcbglintegrations/qxcb-glx-integration",
        }
    assert wanted <= _plugins(bundle)


@pytest.mark.slow
def test_qt_parts_we_do_not_use_are_left_out(bundle: Built) -> None:
    plugins = _plugins(bundle)
    assert not {p for p in plugins if p.split("/")[0] not in builder.QT_PLUGINS}
    assert "platforminputcontexts/qtvirtualkeyboardplugin" not in plugins
    assert "imageformats/qpdf" not in plugins
    libraries = {p.name.split(".")[0].removeprefix("lib") for p in bundle.internal.rglob("*Qt6*")}
    # QtPdf (the notice preview) links libQt6Network, so that library comes along; the
    # Python QtNetwork module and its TLS plugins still stay out.
    unused = {"Qt6Quick", "Qt6Qml", "Qt6WaylandClient", "Qt6VirtualKeyboard"}
    assert not libraries & unused
    assert {"Qt6Pdf", "Qt6PdfWidgets"} <= libraries
    assert not list((bundle.internal / "PySide6").glob("QtNetwork.*"))


@pytest.mark.slow
def test_bundle_has_no_dangling_links(bundle: Built) -> None:
    assert not [p for p in bundle.folder.rglob("*") if p.is_symlink() and not p.exists()]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="reads ELF files")
def test_every_qt_library_a_kept_binary_links_is_bundled(bundle: Built) -> None:
    """Pruning goes by what the dropped plugins linked; this proves nothing kept lost a library."""
    present = {p.name for p in bundle.internal.rglob("*.so*")}
    missing = set()
    for path in bundle.internal.rglob("*.so*"):
        if path.is_symlink():
            continue
        dump = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True)
        for line in dump.stdout.splitlines():
            match line.split():
                case ["NEEDED", name] if name.startswith("libQt6") and name not in present:
                    missing.add(f"{path.name} -> {name}")
    assert not missing


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="Windows writes an installer script instead")
def test_archive_holds_the_bundle_in_a_versioned_folder(bundle: Built) -> None:
    assert bundle.archive is not None
    assert bundle.archive.name == f"wuyedesk-{VERSION}-linux-{platform.machine().lower()}.tar.gz"
    with tarfile.open(bundle.archive) as tar:
        names = set(tar.getnames())
    top = f"wuyedesk-{VERSION}"
    assert {f"{top}/wuye", f"{top}/_internal/resources/i18n/wuyedesk_zh_CN.qm"} <= names
    assert all(name == top or name.startswith(f"{top}/") for name in names)


# -- the build rules, without building --------------------------------------------------------


def test_inno_script_names_the_version_start_menu_group_and_uninstaller() -> None:
    text = builder.render_iss("1.2.3", Path(r"C:\b\dist\wuyedesk"), Path(r"C:\b\dist"))
    assert "AppVersion=1.2.3" in text
    assert f"DefaultGroupName={builder.DISPLAY_NAME}" in text
    assert '"{group}\\' + builder.DISPLAY_NAME + '"; Filename: "{app}\\wuye-gui.exe"' in text
    assert 'Filename: "{uninstallexe}"' in text


def test_plugin_rules_keep_chinese_input_and_drop_wayland_and_the_virtual_keyboard() -> None:
    keep = builder.keep_qt_plugin
    plugins = "PySide6/Qt/plugins"
    assert keep(f"{plugins}/platforminputcontexts/libibusplatforminputcontextplugin.so")
    assert keep("PySide6/plugins/platforms/qwindows.dll")
    assert not keep(f"{plugins}/platforminputcontexts/libqtvirtualkeyboardplugin.so")
    assert not keep(f"{plugins}/platforms/libqwayland.so")
    assert not keep(f"{plugins}/wayland-shell-integration/libxdg-shell.so")
    assert keep("PySide6/Qt/lib/libQt6Gui.so.6")  # not a plugin: left to the pruning


def test_a_library_goes_only_when_no_kept_binary_needs_it() -> None:
    plugins = "PySide6/Qt/plugins"
    binaries = [
        (f"{plugins}/platforms/libqwayland.so", "src", "BINARY"),
        (f"{plugins}/platforms/libqxcb.so", "src", "BINARY"),
        ("PySide6/Qt/lib/libQt6WaylandClient.so.6", "src", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "src", "BINARY"),
        ("libpython3.11.so.1.0", "src", "BINARY"),  # nothing links it; collected for its own sake
    ]
    needs = {
        "libqwayland.so": {"libQt6WaylandClient.so.6", "libQt6Gui.so.6"},
        "libqxcb.so": {"libQt6Gui.so.6"},
    }
    kept = {dest.rsplit("/", 1)[-1] for dest, _, _ in builder.prune_binaries(binaries, needs)}
    assert kept == {"libqxcb.so", "libQt6Gui.so.6", "libpython3.11.so.1.0"}


def test_a_link_to_a_pruned_library_goes_with_it() -> None:
    binaries = [("PySide6/Qt/lib/libQt6Gui.so.6", "src", "BINARY")]
    datas = [
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libQt6Pdf.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6", "SYMLINK"),
        ("PySide6/Qt/translations/qtbase_de.qm", "src", "DATA"),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", "src", "DATA"),
    ]
    kept = [dest for dest, _, _ in builder.keep_datas(datas, binaries)]
    assert kept == ["libQt6Gui.so.6", "PySide6/Qt/translations/qtbase_zh_CN.qm"]


def test_migration_scripts_imports_are_named_for_pyinstaller() -> None:
    assert {"alembic.op", "alembic.context", "sqlalchemy", "app.models"} <= set(
        builder.migration_imports()
    )


def test_the_build_installs_the_pinned_versions_first() -> None:
    command = builder.install_command("python")
    assert command[:4] == ["python", "-m", "pip", "install"]
    assert command[command.index("-c") + 1] == str(builder.CONSTRAINTS)
    assert builder.CONSTRAINTS.is_file()
