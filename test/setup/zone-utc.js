// The server's own zone must never matter: this project runs every test in UTC (Node applies a
// TZ set at run time at once, Date and Intl alike).
process.env.TZ = 'UTC';
