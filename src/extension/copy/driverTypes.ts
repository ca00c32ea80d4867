// cassandra-driver's value classes (Long, Uuid, Tuple, Vector…) for COPY. The driver is loaded on first use only
// (activation must not pay for it), so COPY loads it when a run starts and the converters read it from here.

import type * as Driver from 'cassandra-driver';

type DriverTypes = typeof Driver.types;
let loaded: DriverTypes | undefined;

export async function loadDriverTypes(): Promise<DriverTypes> {
  loaded ??= (await import('cassandra-driver')).types;
  return loaded;
}

export function driverTypes(): DriverTypes {
  if (!loaded) throw new Error('COPY used the driver types before loading them (loadDriverTypes)');
  return loaded;
}
