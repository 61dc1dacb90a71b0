package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// An output is one file a command was asked to write: the flag that named
// it, its path, and the function that produces its content.
type output struct {
	flag  string // "-out-csv"; for messages
	path  string
	write func(w io.Writer) error
}

// outputs are all the files one run writes. They are written whole or not at
// all, and all or none: every file first goes to a temporary file beside its
// target, and only when every one of them was produced are they renamed into
// place. On any error the temporary files are removed and no target changes.
//
// An existing target keeps its permission bits, and a target that is a
// symbolic link is written through: the file the link points to is replaced
// and the link stays.
type outputs []output

// add records a file to write; an empty path is ignored.
func (o *outputs) add(flag, path string, write func(w io.Writer) error) {
	if path != "" {
		*o = append(*o, output{flag: flag, path: path, write: write})
	}
}

// check refuses outputs that would destroy an input or each other: a path
// that names one of the inputs (also through a link or another spelling) or
// that two outputs share. Call it before doing any work.
// inputs alternate flag and path: "-in", in, "-boundary", boundary.
func (o outputs) check(inputs ...string) error {
	for i, a := range o {
		for k := 0; k+1 < len(inputs); k += 2 {
			if in := inputs[k+1]; in != "" && sameFile(a.path, in) {
				return fmt.Errorf("%s %s is the %s file; refusing to overwrite an input", a.flag, a.path, inputs[k])
			}
		}
		for _, b := range o[:i] {
			if sameFile(a.path, b.path) {
				return fmt.Errorf("%s and %s both name %s; give each output its own file", b.flag, a.flag, a.path)
			}
		}
		if st, err := os.Stat(a.path); err == nil && st.IsDir() {
			return fmt.Errorf("%s %s is a directory", a.flag, a.path)
		}
	}
	return nil
}

// sameFile reports whether the paths name the same file: the same path
// once cleaned and with links resolved, or the same existing file.
func sameFile(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	if ra, rb := resolvePath(a), resolvePath(b); ra != "" && ra == rb {
		return true
	}
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// resolvePath is path made absolute with every link resolved; a target that
// does not exist yet is resolved through its directory. "" when neither
// resolves.
func resolvePath(path string) string {
	if r, err := filepath.EvalSymlinks(path); err == nil {
		if abs, err := filepath.Abs(r); err == nil {
			return abs
		}
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(path))
	if err != nil {
		return ""
	}
	abs, err := filepath.Abs(filepath.Join(dir, filepath.Base(path)))
	if err != nil {
		return ""
	}
	return abs
}

// pending is one output written to its temporary file.
type pending struct {
	tmp, target string
}

// writeAll writes every output (see outputs).
func (o outputs) writeAll() (err error) {
	var done []pending
	defer func() {
		if err != nil {
			for _, p := range done {
				os.Remove(p.tmp)
			}
		}
	}()
	// The temporary files are written side by side (the map pictures and
	// the GeoJSON take similar time); the first error in output order wins.
	temps := make([]pending, len(o))
	errs := make([]error, len(o))
	var wg sync.WaitGroup
	for i, out := range o {
		wg.Add(1)
		go func() {
			defer wg.Done()
			temps[i], errs[i] = writeTempFile(out)
		}()
	}
	wg.Wait()
	for i := range o {
		if errs[i] == nil {
			done = append(done, temps[i])
		}
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	for i, p := range done {
		if err := os.Rename(p.tmp, p.target); err != nil {
			for _, q := range done[i+1:] {
				os.Remove(q.tmp)
			}
			done = nil
			return fmt.Errorf("%s %s: %w", o[i].flag, o[i].path, err)
		}
	}
	return nil
}

// writeTempFile writes out's content to a temporary file in the directory of the
// file that will be replaced (the link's target when out.path is a link),
// with the permission bits that file has (0644 for a new file).
func writeTempFile(out output) (pending, error) {
	target := out.path
	if st, err := os.Lstat(target); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		r, err := filepath.EvalSymlinks(target)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return pending{}, fmt.Errorf("%s %s: %w", out.flag, out.path, err)
		}
		if err != nil {
			return pending{}, fmt.Errorf("%s %s: a link to a missing file", out.flag, out.path)
		}
		target = r
	}
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(target); err == nil {
		if !st.Mode().IsRegular() {
			return pending{}, fmt.Errorf("%s %s: not a regular file", out.flag, out.path)
		}
		mode = st.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return pending{}, fmt.Errorf("%s %s: %w", out.flag, out.path, err)
	}
	tmp := f.Name()
	fail := func(err error) (pending, error) {
		f.Close()
		os.Remove(tmp)
		return pending{}, fmt.Errorf("writing %s: %w", out.path, err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := out.write(bw); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	if err := f.Chmod(mode); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return pending{}, fmt.Errorf("writing %s: %w", out.path, err)
	}
	return pending{tmp: tmp, target: target}, nil
}
