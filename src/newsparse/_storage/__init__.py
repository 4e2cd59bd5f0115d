"""Where inputs and outputs live: local files, fsspec URLs and archives read member by member."""
