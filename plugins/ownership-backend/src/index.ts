/**
 * Ownership and escalation matrix backend plugin for Plinth.
 *
 * @packageDocumentation
 */
export { ownershipPlugin as default } from './plugin';
export {
  ownershipSnapshotServiceRef,
  type OwnershipSnapshotService,
  type OwnershipSnapshot,
} from './services/OwnershipSnapshot';

/*
 * Benchmark-only exports (bench/ownership measures each step of a snapshot build on its
 * own). Not a supported API: they may change with the snapshot's internals, and nothing
 * but @plinth/bench-ownership may use them.
 */
/** @alpha Benchmark-only: reads the catalog slice a snapshot is built from. */
export { readCatalogSlice } from './services/OwnershipSnapshot';
/** @alpha Benchmark-only: resolves owners, systems, domains and policies per row. */
export { resolveRows } from './services/OwnershipSnapshot';
/** @alpha Benchmark-only: the whole snapshot build without the catalog read. */
export { buildSnapshot } from './services/OwnershipSnapshot';
/** @alpha Benchmark-only: the coverage findings of resolved rows. */
export { computeFindings } from './services/findings';
