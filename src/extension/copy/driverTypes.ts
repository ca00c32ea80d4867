// cassandra-driver's value classes (Long, Uuid, Tuple, Vector…) and encoder for COPY. The driver is loaded on first
// use only (activation must not pay for it), so COPY loads it when a run starts and the converters read it from here.

import type * as Driver from 'cassandra-driver';

type DriverTypes = typeof Driver.types;
let loaded: typeof Driver | undefined;

export async function loadDriverTypes(): Promise<DriverTypes> {
  loaded ??= await import('cassandra-driver');
  return loaded.types;
}

function driver(): typeof Driver {
  if (!loaded) throw new Error('COPY used the driver before loading it (loadDriverTypes)');
  return loaded;
}

export function driverTypes(): DriverTypes {
  return driver().types;
}

/** The driver's own value encoder (the bytes it sends for a value of a type). */
export function driverEncoder(options: Driver.ClientOptions): { encode(value: unknown, type: unknown): Buffer | null } {
  const Encoder = (driver() as unknown as { Encoder: new (version: number, options: Driver.ClientOptions) => { encode(value: unknown, type: unknown): Buffer | null } }).Encoder;
  return new Encoder(4, options);
}
