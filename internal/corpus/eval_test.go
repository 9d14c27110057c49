package corpus

import (
	"math"
	"testing"
)

func TestReliability(t *testing.T) {
	// Ten documents predicted 0.05, one relevant; ten predicted 0.95, nine relevant:
	// 0.05 vs 0.1 and 0.95 vs 0.9 observed, an ECE of 0.05.
	var p []float64
	var y []bool
	for i := range 10 {
		p = append(p, 0.05, 0.95)
		y = append(y, i == 0, i != 0)
	}
	table, ece := Reliability(p, y, 10)
	if math.Abs(ece-0.05) > 1e-9 {
		t.Errorf("ECE = %v, want 0.05", ece)
	}
	if table[0].N != 10 || math.Abs(table[0].Observed-0.1) > 1e-9 || table[9].N != 10 || math.Abs(table[9].Observed-0.9) > 1e-9 {
		t.Errorf("table = %+v", table)
	}
}
