"""Reading the files users upload: encodings and workbooks, report kinds, and preparing an import for the
store."""
