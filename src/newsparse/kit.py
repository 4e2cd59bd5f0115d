"""The format author's kit: what a new source format needs, and the built-in formats use.

A format (the :class:`~newsparse.Format` protocol) has a ``name``,
``suffixes``, a ``sniff`` and a ``parse``; the kit gives it the parts every
format otherwise writes again:

* :class:`Confidence`: named sniff levels, ordered the same way for every
  format, so that detection compares like with like;
* :class:`Diagnostics`: the defects of one article, recorded as
  :class:`~newsparse.Diagnostic` records (lenient) or raised as a
  :class:`~newsparse.ParseError` at the first one (strict), in one place;
  :func:`empty_input` is the error for text with nothing in it;
* :class:`OutletRules`: the outlet profiles (:class:`~newsparse.OutletProfile`)
  that apply to one article, applied to its byline and keywords line;
* :func:`parse_body`: the aggregator dump's body grammar (paragraphs,
  subheadings, read-also boxes, the source and keywords lines, the trailer)
  for a text whose headline is known, its lines numbered as in the file that
  holds it; it returns a :class:`Body`.

``docs/extending.md`` shows them in a complete plugin (``examples/plugin/``),
and :func:`newsparse.testing.check_format` checks the result.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from newsparse._formats.aggregator.outlet_rules import OutletRules
from newsparse._formats.aggregator.parser import Body, parse_body
from newsparse._formats.confidence import Confidence
from newsparse._formats.diagnostics import Diagnostics, empty_input

__all__ = ["Body", "Confidence", "Diagnostics", "OutletRules", "empty_input", "parse_body"]
