import { Injectable, type PipeTransform } from '@nestjs/common';
import { AppError } from '@herald/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot exist, so it is a 404 like any unknown id (never a database error). */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw AppError.notFound('The resource');
    return value.toLowerCase();
  }
}
