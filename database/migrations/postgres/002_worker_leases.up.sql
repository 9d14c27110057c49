ALTER TABLE skop_jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE skop_jobs ADD COLUMN lease_expires_at BIGINT;
ALTER TABLE skop_jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX skop_jobs_status_lease ON skop_jobs (status, lease_expires_at);
