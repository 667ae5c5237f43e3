class DomainError(Exception):
    """A business rule refused an operation; the message is shown to the user as it is."""

    excel_row: int  # set on errors raised while importing a row: the row's number in the file

    def __init__(self, message, *, field: str | None = None, code: str = "invalid"):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.code = code


class ConflictError(DomainError):
    """The request collides with what was done before (e.g. an idempotency key reused for
    another request); the API answers 409."""

    def __init__(self, message, *, code: str = "conflict", **kwargs):
        super().__init__(message, code=code, **kwargs)


class PermissionDeniedError(DomainError):
    def __init__(self, message, **kwargs):
        super().__init__(message, code="permission_denied", **kwargs)
