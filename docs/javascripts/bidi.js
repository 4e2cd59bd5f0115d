/* Arabic as written in output lines: each quoted string of a highlighted token is a
 * <bdi> of its own.
 *
 * docs/stylesheets/arabic.css isolates each token; but Pygments gives a line of output
 * (the repr of a tuple, say) as one token, and in it the quotes and commas between two
 * Arabic strings join them into one right-to-left run: ('الخليج الجديد', ('إيران', ...))
 * drew its strings in reverse order.  Isolating each string keeps the line's order and
 * reads each string as written.  Copying the code is unchanged (a <bdi> adds no text). */
(function () {
  const ARABIC = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/;
  const QUOTED = /('[^'\n]*'|"[^"\n]*")/;

  function isolateStrings(root) {
    for (const span of root.querySelectorAll("pre > code span")) {
      if (span.children.length || !ARABIC.test(span.textContent)) continue;
      const parts = span.textContent.split(QUOTED);
      if (parts.length < 5) continue; // one quoted string at most: the token's isolation does
      span.textContent = "";
      parts.forEach((part, index) => {
        if (index % 2 === 1) {
          const isolated = document.createElement("bdi");
          isolated.textContent = part;
          span.append(isolated);
        } else if (part) {
          span.append(part);
        }
      });
      span.classList.add("bidi-strings");
    }
  }

  isolateStrings(document);
  if (typeof document$ !== "undefined") document$.subscribe(() => isolateStrings(document));
})();
