// The Backstage plugin (wiring of the collector, router and database) comes in a later
// slice of issue 9; the domain logic in services/ and config/ is not public API.
export {};
