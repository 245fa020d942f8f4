import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { InFlight } from './in-flight';
import { InFlightInterceptor } from './in-flight.interceptor';
import { ShutdownSignal } from './shutdown-signal';

/**
 * The service's own lifecycle: `ShutdownSignal` (injectable everywhere, for
 * event streams to end on a stop) and the count of route handlers under way
 * (`InFlight`), which a stop waits for.
 */
@Global()
@Module({
  providers: [ShutdownSignal, InFlight, { provide: APP_INTERCEPTOR, useClass: InFlightInterceptor }],
  exports: [ShutdownSignal, InFlight],
})
export class LifecycleModule {}
