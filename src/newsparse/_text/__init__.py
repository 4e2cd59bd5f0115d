"""Text repair, the bottom layer: Arabic letters and folding, mojibake, bytes to text, lexicons."""
