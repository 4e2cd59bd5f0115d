"""The records: attrs classes, and the one field table every schema comes from."""
