"""Reading: bytes and files of every format into text, inputs into documents, saved tables back into rows."""
