"""The newsparse command."""
