// ...and this one again in New York (UTC-5/-4 with daylight saving), far from every Indonesian zone.
process.env.TZ = 'America/New_York';
