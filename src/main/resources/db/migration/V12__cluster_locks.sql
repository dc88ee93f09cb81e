-- Row locks that daemons sharing one database take for work only one of them may do at a time
-- (a planning round: two rounds at once would place the same job twice). Seeded, like Quartz's
-- lock rows, so that the first daemons to start do not race to insert them.
CREATE TABLE cluster_locks (
  name VARCHAR(40) NOT NULL PRIMARY KEY
);
INSERT INTO cluster_locks (name) VALUES ('plan');
