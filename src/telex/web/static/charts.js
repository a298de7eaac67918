// Draws the Vega-Lite charts whose specifications the server put in JSON blocks, as SVG, with the
// Vega builds shipped in /static/vendor. Expressions run through vega-interpreter, not eval, so
// the Content-Security-Policy needs no 'unsafe-eval'.
(function () {
  "use strict";
  for (const box of document.querySelectorAll(".chart[data-spec]")) {
    const spec = JSON.parse(document.getElementById(box.dataset.spec).textContent);
    const compiled = vegaLite.compile(spec).spec;
    const view = new vega.View(vega.parse(compiled, null, { ast: true }), {
      container: box,
      renderer: "svg",
      hover: true,
      expr: vega.expressionInterpreter,
    });
    view.runAsync().then(
      function () { box.dataset.rendered = "true"; },
      function (error) { box.dataset.rendered = "error"; box.textContent = "The chart could not be drawn: " + error; }
    );
  }
})();
