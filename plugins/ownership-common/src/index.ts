/**
 * Types, constants and permissions shared by Plinth's ownership and escalation plugins.
 *
 * @packageDocumentation
 */
export * from './escalationPolicy';
export * from './matrix';
export * from './permissions';
export * from './client';
