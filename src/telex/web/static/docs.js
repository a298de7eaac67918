// Swagger UI for /openapi.json, from the copy shipped in /static/vendor (no CDN, no inline script).
window.addEventListener("load", function () {
  "use strict";
  const root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: root.dataset.openapi, domNode: root, deepLinking: true });
});
