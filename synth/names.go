package synth

import "strings"

// Word lists for place and practice names. Names are decoration: they need
// not be unique, and about one in twenty contains a comma, so that writers
// and readers are exercised on quoted fields.
var (
	placeHeads = []string{
		"North", "South", "East", "West", "Ash", "Oak", "Elm", "Birch", "Brook",
		"Castle", "Church", "Mill", "Kings", "Queens", "Stan", "Wood", "Bramble",
		"Hazel", "Thorn", "Fair", "Green", "Red", "White", "Black", "Long",
		"Brad", "Chester", "Hart", "Lang", "Marl", "Wick", "Hol", "Ald", "Bex",
	}
	placeTails = []string{
		"bury", "field", "ton", "ford", "ham", "wood", "ley", "worth", "stead",
		"brook", "well", "combe", "dale", "gate", "hurst", "mouth", "bridge",
		"by", "wick", "minster", "thorpe", "borough",
	}
	streets = []string{
		"Road", "Street", "Lane", "Avenue", "Park", "Hill", "Green", "Way",
		"Gardens", "Square", "Terrace", "Close", "Row", "Walk",
	}
	kinds = []string{
		"Surgery", "Medical Centre", "Health Centre", "Medical Practice",
		"Family Practice", "Group Practice",
	}
)

// appendPlace appends a place name such as "Northbury".
func appendPlace(b *strings.Builder, r *rng) {
	b.WriteString(placeHeads[r.intn(len(placeHeads))])
	b.WriteString(placeTails[r.intn(len(placeTails))])
}

// appendPracticeName appends a practice name such as "Northbury Road
// Surgery", "Ashford Medical Centre", "The Elmley Practice" or
// "Kingsdale Health Centre, Bradwick".
func appendPracticeName(b *strings.Builder, r *rng) {
	switch f := r.intn(20); {
	case f < 8:
		appendPlace(b, r)
		b.WriteByte(' ')
		b.WriteString(streets[r.intn(len(streets))])
		b.WriteString(" Surgery")
	case f < 12:
		appendPlace(b, r)
		b.WriteByte(' ')
		b.WriteString(kinds[1+r.intn(len(kinds)-1)])
	case f < 15:
		b.WriteString("The ")
		appendPlace(b, r)
		b.WriteString(" Practice")
	case f < 19:
		appendPlace(b, r)
		b.WriteByte(' ')
		b.WriteString(streets[r.intn(len(streets))])
		b.WriteByte(' ')
		b.WriteString(kinds[r.intn(len(kinds))])
	default:
		appendPlace(b, r)
		b.WriteByte(' ')
		b.WriteString(kinds[r.intn(len(kinds))])
		b.WriteString(", ")
		appendPlace(b, r)
	}
}
