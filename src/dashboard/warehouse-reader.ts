import type { Warehouse } from '../engines/warehouse.js';

/** How the dashboard reaches the warehouse: calls run one at a time, in the order they came. */
export interface WarehouseReader {
  use<T>(fn: (warehouse: Warehouse) => Promise<T>): Promise<T>;
}

/**
 * Opens a connection for each call and closes it right after: between requests the dashboard
 * holds nothing, so on DuckDB an etl (the one writer a file allows) can open the file.
 */
export function openPerCall(open: () => Promise<Warehouse>): WarehouseReader {
  return serially(async (fn) => {
    const warehouse = await open();
    try {
      return await fn(warehouse);
    } finally {
      await warehouse.close();
    }
  });
}

/** Every call on one open warehouse (a library user's, or a server engine where connections are cheap to keep). */
export function sharedWarehouse(warehouse: Warehouse): WarehouseReader {
  return serially((fn) => fn(warehouse));
}

export function isWarehouseReader(value: Warehouse | WarehouseReader): value is WarehouseReader {
  return typeof (value as WarehouseReader).use === 'function';
}

function serially(call: <T>(fn: (warehouse: Warehouse) => Promise<T>) => Promise<T>): WarehouseReader {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    use<T>(fn: (warehouse: Warehouse) => Promise<T>): Promise<T> {
      const next = queue.then(
        () => call(fn),
        () => call(fn),
      );
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
