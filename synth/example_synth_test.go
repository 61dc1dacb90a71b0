package synth_test

import (
	"fmt"
	"os"

	"github.com/hubpart/hubpart/synth"
)

// Generate a small country and look at what it holds.
func ExampleGenerate() {
	c, err := synth.Generate(synth.Options{Practices: 1000, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	over := 0
	for _, p := range c.Practices {
		if p.Patients > 50_000 {
			over++
		}
	}
	fmt.Println(len(c.Practices), "practices,", len(c.Boundary), "land polygons,", over, "over 50,000")
	fmt.Println(c.Practices[0].Code, c.Practices[999].Code)
	// Output:
	// 1000 practices, 3 land polygons, 1 over 50,000
	// S000001 S001000
}

// Out-of-range sizes are refused with ErrPracticeCount.
func ExampleGenerate_outOfRange() {
	_, err := synth.Generate(synth.Options{Practices: 99})
	fmt.Println(err)
	// Output:
	// synth: number of practices out of range: 99 (want 100 to 2000000)
}

// WriteCSV writes the practices in the CLI's input format.
func ExampleCountry_WriteCSV() {
	c, _ := synth.Generate(synth.Options{Practices: 100, Seed: 3})
	c.Practices = c.Practices[:3]
	if err := c.WriteCSV(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// code,name,lat,lon,patients
	// S000001,The Bexley Practice,51.834247,0.301682,10219
	// S000002,Thornfield Green Surgery,51.952569,0.332700,15428
	// S000003,Aldwell Walk Medical Practice,51.828244,-0.202576,7083
}

// GeneratePoints makes a large clustered set of weight-1 points (like
// postcodes or address points), stored as two int32 per point; codes are
// made as they are written.
func ExampleGeneratePoints() {
	p, err := synth.GeneratePoints(synth.PointsOptions{Points: 1000, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Len(), "points,", len(p.Boundary), "land polygons")
	fmt.Println(string(p.AppendCode(nil, 0)), string(p.AppendCode(nil, 999)))
	// Output:
	// 1000 points, 3 land polygons
	// P00000001 P00001000
}
