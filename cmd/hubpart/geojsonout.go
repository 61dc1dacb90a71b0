package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hubpart/hubpart/export"
)

// geojsonLayerDir reports whether -out-geojson names a directory (a path
// ending in a separator, or an existing directory): then every layer goes
// to its own file there, hubs.geojson, areas.geojson and practices.geojson,
// so that each file has one geometry type as GIS tools want.
func geojsonLayerDir(path string) bool {
	if strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(os.PathSeparator)) {
		return true
	}
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// writeGeoJSON writes the model to path (one file with every layer) or,
// when path is a directory, one file per layer named after the layer
// (hub -> hubs.geojson). It returns the files written.
func writeGeoJSON(path string, m *export.Model) ([]string, error) {
	if !geojsonLayerDir(path) {
		err := writeFileAtomic(path, func(w io.Writer) error { return m.WriteGeoJSON(w) })
		if err != nil {
			return nil, err
		}
		return []string{path}, nil
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("-out-geojson: %w", err)
	}
	var files []string
	for _, layer := range m.LayerNames() {
		f := filepath.Join(path, layer+"s.geojson")
		if err := writeFileAtomic(f, func(w io.Writer) error { return m.WriteGeoJSON(w, layer) }); err != nil {
			return files, err
		}
		files = append(files, f)
	}
	return files, nil
}
