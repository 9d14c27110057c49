package server

import (
	"embed"
	"io/fs"
	"net/http"
)

// The API reference in the browser: Swagger UI 5.35.0's bundle (Apache-2.0,
// docs/SWAGGER-UI-LICENSE, from the npm package swagger-ui-dist@5.35.0), served
// from the binary — no CDN — and pointed at the served openapi.yaml, with every
// operation listed and its operationId shown.
//
//go:embed docs/index.html docs/init.js docs/swagger-ui-bundle.js docs/swagger-ui.css docs/SWAGGER-UI-LICENSE docs/swagger-ui-bundle.js.LICENSE.txt
var docsFiles embed.FS

// DocsHandler serves /docs/.
func DocsHandler() http.Handler {
	sub, err := fs.Sub(docsFiles, "docs")
	if err != nil {
		panic(err) // the embedded folder is part of the build
	}
	files := http.StripPrefix("/docs/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, r, http.StatusMethodNotAllowed, "Method not allowed for this endpoint")
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}
