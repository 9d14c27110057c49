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
	v := strings.TrimSpace(os.Getenv(name))
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		badEnv(name, v, "an integer")
		return def
	}
	return n
}

func envFloat(name string, def float64) float64 {
	v := strings.TrimSpace(os.Getenv(name))
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		badEnv(name, v, "a number")
		return def
	}
	return f
}

func envBool(name string, def bool) bool {
	v := strings.TrimSpace(os.Getenv(name))
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		badEnv(name, v, "true or false")
		return def
	}
	return b
}

func envDuration(name string, def time.Duration) time.Duration {
	v := strings.TrimSpace(os.Getenv(name))
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		badEnv(name, v, "a duration such as 30s or 5m")
		return def
	}
	return d
}
