// The PostgreSQL project's test files (each in an environment of its own): their apps run on
// copies of the template database; the same workers run other projects' files on SQLite.
globalThis.testOnPostgres = true;
