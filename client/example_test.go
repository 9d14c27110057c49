package client_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/skop-dev/skop/client"
)

// Create a job, wait for it with a progress line, and print what it found.
func Example() {
	ctx := context.Background()
	sdk, err := client.NewSDK("http://127.0.0.1:8080", os.Getenv("SKOP_API_KEY"))
	if err != nil {
		log.Fatal(err)
	}
	job, err := sdk.Create(ctx, "https://www.example.gov/meetings/", "Find all board meeting minutes from 2025",
		&client.ScrapeParameters{SinglePage: client.Ptr(false)})
	if err != nil {
		log.Fatal(err) // an *client.APIError carries the status, message and request id
	}
	st, err := sdk.WaitForJob(ctx, job.JobId, client.WaitOptions{OnProgress: func(s *client.JobStatusResponse) {
		fmt.Printf("%s: %s\n", s.Status, s.Message)
	}})
	if err != nil {
		log.Fatal(err)
	}
	res, err := sdk.Results(ctx, st.JobId)
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range res.Documents {
		fmt.Printf("%.2f %s\n", d.ConfidenceScore, d.Url)
	}
}

// Page through every job of the key, newest first.
func ExampleSDK_Jobs() {
	sdk, err := client.NewSDK("http://127.0.0.1:8080", os.Getenv("SKOP_API_KEY"))
	if err != nil {
		log.Fatal(err)
	}
	for job, err := range sdk.Jobs(context.Background(), &client.ListJobsParams{Status: client.Ptr(client.JobStatusCompleted)}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(job.JobId, job.DocumentsMatched)
	}
}

// Stop a job at once; what it found so far stays readable.
func ExampleSDK_Cancel() {
	sdk, err := client.NewSDK("http://127.0.0.1:8080", os.Getenv("SKOP_API_KEY"))
	if err != nil {
		log.Fatal(err)
	}
	c, err := sdk.Cancel(context.Background(), "job_k3v9x0q2m7a1b4c8")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Status, c.CancelledAt)
}
