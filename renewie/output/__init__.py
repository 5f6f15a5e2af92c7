"""Writers: the only code that serialises documents (STYLE P9)."""
