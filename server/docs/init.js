// The served contract, every operation listed; nothing is fetched from elsewhere.
window.ui = SwaggerUIBundle({
  url: "/openapi.yaml",
  dom_id: "#swagger-ui",
  docExpansion: "list",
  displayOperationId: true,
  deepLinking: true,
  validatorUrl: null,
  tryItOutEnabled: false
});
