package main

import (
	"os"
	"strings"
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
