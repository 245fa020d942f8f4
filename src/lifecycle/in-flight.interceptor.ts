import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, finalize } from 'rxjs';
import { InFlight } from './in-flight';

/** Counts every route handler as work under way until it has settled (answered, failed, or cleaned up after a cut). */
@Injectable()
export class InFlightInterceptor implements NestInterceptor {
  constructor(private readonly inFlight: InFlight) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const end = this.inFlight.begin();
    return next.handle().pipe(finalize(end));
  }
}
