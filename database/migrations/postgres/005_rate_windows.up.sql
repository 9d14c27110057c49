-- A key's requests per fixed one-minute window, counted through the database so
-- that the limit holds across replicas (each reserves blocks of the window's
-- allowance).
CREATE TABLE skop_rate_windows (
	key_id       BIGINT  NOT NULL,
	window_start BIGINT  NOT NULL,
	used         INTEGER NOT NULL,
	PRIMARY KEY (key_id, window_start)
);
