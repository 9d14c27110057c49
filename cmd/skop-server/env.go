package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Environment variables set flags' defaults. A variable that is set but cannot be
// read is an error at start, naming the variable, never a silent fallback to the
// default (SKOP_WORKERS=four must not run 4 workers).

var (
	envMu   sync.Mutex
	envErrs []string
)

func badEnv(name, value, want string) {
	envMu.Lock()
	defer envMu.Unlock()
	envErrs = append(envErrs, fmt.Sprintf("%s=%q is not %s", name, value, want))
}

// envError reports the environment variables that could not be read.
func envError() error {
	envMu.Lock()
	defer envMu.Unlock()
	if len(envErrs) == 0 {
		return nil
	}
	return usageError("invalid environment: " + strings.Join(envErrs, "; "))
}

func envOr(name, def string) string {
	if v := strings.TrimSpace(os.Getenv(name)); v != "" {
		return v
	}
	return def
}

func envInt(name string, def int) int {
	return envParse(name, def, strconv.Atoi, "an integer")
}

func envFloat(name string, def float64) float64 {
	return envParse(name, def, func(v string) (float64, error) { return strconv.ParseFloat(v, 64) }, "a number")
}

func envBool(name string, def bool) bool {
	return envParse(name, def, strconv.ParseBool, "true or false")
}

func envDuration(name string, def time.Duration) time.Duration {
	return envParse(name, def, time.ParseDuration, "a duration such as 30s or 5m")
}

// envParse reads name with parse; unset or blank gives def, and a value parse
// refuses is recorded (badEnv, naming want) so the start stops, also giving def.
func envParse[T any](name string, def T, parse func(string) (T, error), want string) T {
	v := strings.TrimSpace(os.Getenv(name))
	if v == "" {
		return def
	}
	x, err := parse(v)
	if err != nil {
		badEnv(name, v, want)
		return def
	}
	return x
}
