"""The shipped assets (plugins/coursegen/dist/) are exactly what the minifier makes of the sources."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import load_script


def test_the_shipped_assets_are_current(tmp_path: Path) -> None:
    builder = load_script("build_assets")
    made = {path.relative_to(tmp_path).as_posix(): path.read_bytes() for path in builder.build(tmp_path / "out")}
    made = {name.removeprefix("out/"): data for name, data in made.items()}
    shipped = {path.relative_to(builder.SHIPPED).as_posix(): path.read_bytes() for path in builder.SHIPPED.rglob("*.*")}
    assert sorted(shipped) == sorted(made), "plugins/coursegen/dist/ lacks or has extra files: run `make assets`"
    stale = [name for name, data in made.items() if shipped[name] != data]
    assert not stale, f"stale in plugins/coursegen/dist/ (run `make assets`): {stale}"


def test_every_source_is_shipped_and_smaller() -> None:
    builder = load_script("build_assets")
    for source in builder.sources():
        shipped = builder.SHIPPED / source.relative_to(builder.SOURCES)
        assert shipped.is_file(), f"{source.name} is not shipped: run `make assets`"
        assert shipped.stat().st_size < source.stat().st_size, f"{shipped.name} is not minified"
