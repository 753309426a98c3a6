"""Why an upload cannot be read: :class:`ParseError`, a one-line refusal with a stable code for the
translation table, and the refusals the text and workbook readers share (a row or sheet too wide, a cell too
long). Every ``parse.*`` code the readers raise has its text in ``inventory_core.i18n``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["ParseError", "cell_too_long", "one_line", "too_many_columns"]


class ParseError(ValueError):
    """A file or value that cannot be read, with a one-line reason for the user.

    Parameters
    ----------
    file_name
        The uploaded file's name; it starts the message.
    reason
        One line of English, e.g. ``"the file is empty"``.
    line, column, value
        Where the problem is, when known; appended to the message.
    code
        A stable key for the translation table (``inventory_core.i18n``), e.g. ``"parse.empty"``;
        ``params`` are its format values. The English ``reason`` is the fallback text.

    Examples
    --------
    >>> str(ParseError("orders.txt", "the file is empty"))
    'orders.txt: the file is empty'
    >>> str(ParseError("a.csv", "not a date", line=12, column="Date", value="13/45/26"))
    "a.csv: not a date (line 12, column 'Date', value '13/45/26')"
    """

    def __init__(
        self,
        file_name: str,
        reason: str,
        *,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
        code: str = "parse.error",
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.file_name = file_name
        self.reason = reason
        self.line = line
        self.column = column
        self.value = value
        self.code = code
        self.params: dict[str, object] = dict(params or {})
        super().__init__(self._message())

    def _message(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {one_line(self.column)!r}")
        if self.value is not None:
            where.append(f"value {one_line(self.value)!r}")
        suffix = f" ({', '.join(where)})" if where else ""
        return f"{self.file_name}: {self.reason}{suffix}"


def one_line(text: str, limit: int = 60) -> str:
    """``text`` on one line, white space folded, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def too_many_columns(file_name: str, n: int, limit: int, *, line: int | None = None) -> ParseError:
    """A row (``line``) or a sheet (no line) wider than the limit."""
    return ParseError(
        file_name,
        f"{n:,} columns, more than the limit of {limit:,} (STOCKOUT_RADAR_MAX_COLUMNS)",
        line=line,
        code="parse.too_many_columns" if line is not None else "parse.sheet_too_wide",
        params={"n": f"{n:,}", "limit": f"{limit:,}"},
    )


def cell_too_long(file_name: str, n: int, limit: int, line: int, header: Sequence[str], j: int) -> ParseError:
    """A cell longer than the limit, at ``line`` in column ``j`` (named after ``header`` when it can be)."""
    column = one_line(header[j]) if j < len(header) and header[j].strip() else f"#{j + 1}"
    return ParseError(
        file_name,
        f"a cell of {n:,} characters, more than the limit of {limit:,} (STOCKOUT_RADAR_MAX_CELL_CHARS)",
        line=line,
        column=column,
        code="parse.cell_too_long",
        params={"column": column, "n": f"{n:,}", "limit": f"{limit:,}"},
    )
