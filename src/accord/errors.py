"""Every error accord raises, each with a code a user can search for and a test can assert.

AccordError
 ├── InputError          (E1xx) an input we cannot read: names the input and, for JSONL, the line
 ├── ConfigError         (E2xx) a bad option, an unknown stage, a pipeline that cannot be assembled
 └── StoreError          (E3xx) the database refused or is of an unknown kind
"""

from __future__ import annotations


class AccordError(Exception):
    code = "E000"

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.source is not None:
            where = self.source + (f":{self.line}" if self.line is not None else "") + ": "
        return f"{where}{self.message} [{self.code}]"


class InputError(AccordError):
    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class TooLargeInput(InputError):
    code = "E103"


class EncodingError(InputError):
    code = "E104"


class MalformedInput(InputError):
    """Bad JSON/JSONL line, unparseable HTML, a field of the wrong type."""

    code = "E105"


class BadDate(InputError):
    code = "E106"


class ConfigError(AccordError):
    code = "E200"


class PipelineAssemblyError(ConfigError):
    code = "E201"


class StoreError(AccordError):
    code = "E300"
