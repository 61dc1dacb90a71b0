package export

import (
	"math/rand/v2"
	"testing"
)

// usedSAT counts the used cells of any box as newSAT does and as counting
// them one by one does.
func TestUsedSAT(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for _, sz := range [][2]int{{1, 1}, {7, 3}, {30, 41}} {
		o := &occupancy{nx: sz[0], ny: sz[1], used: make([]bool, sz[0]*sz[1])}
		for i := range o.used {
			o.used[i] = r.IntN(3) == 0
		}
		got := o.usedSAT()
		want := newSAT(o.nx, o.ny, func(add func(i, j int)) {
			for k, u := range o.used {
				if u {
					add(k%o.nx, k/o.nx)
				}
			}
		})
		for j0 := 0; j0 <= o.ny; j0++ {
			for i0 := 0; i0 <= o.nx; i0++ {
				i1, j1 := i0+r.IntN(o.nx-i0+1), j0+r.IntN(o.ny-j0+1)
				n := 0
				for j := j0; j < j1; j++ {
					for i := i0; i < i1; i++ {
						if o.used[j*o.nx+i] {
							n++
						}
					}
				}
				if g, w := got.sum(i0, j0, i1, j1), want.sum(i0, j0, i1, j1); g != n || w != n {
					t.Fatalf("%dx%d box [%d,%d)x[%d,%d): usedSAT %d, newSAT %d, counted %d", o.nx, o.ny, i0, i1, j0, j1, g, w, n)
				}
			}
		}
	}
}
