//go:build !linux

package hugepage

func wanted() bool { return false }

func advise([]byte) error { return nil }

func populate(addr, n uintptr) {}
