"""Pages the plugin adds to MkDocs' files, rendered only when MkDocs reads them."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


class LessonFile(File):
    """A generated page whose Markdown is rendered when MkDocs reads it.

    Held as text in the File, every lesson's source would stay in memory for the
    whole build, beside the page's own copy: 5 KB a lesson for nothing.
    """

    _render: Callable[[], str] | None = None

    @classmethod
    def lazy(cls, config: MkDocsConfig, src_uri: str, render: Callable[[], str]) -> LessonFile:
        """A generated documentation page at ``src_uri`` whose source is ``render()``."""
        file = cls.generated(config, src_uri, content="")
        assert isinstance(file, LessonFile)  # File.generated makes an instance of the class it is called on
        file._render = render
        return file

    @property
    def content_string(self) -> str:
        return self._render() if self._render else str(File.content_string.fget(self))  # type: ignore[attr-defined]

    @content_string.setter
    def content_string(self, value: str) -> None:  # another plugin's content wins
        self._render = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_bytes(self) -> bytes:
        return self.content_string.encode()

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._render = None
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]
