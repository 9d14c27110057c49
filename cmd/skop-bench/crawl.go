package main

import "errors"

func runCrawl(args []string) error { return errors.New("crawl: not yet") }
