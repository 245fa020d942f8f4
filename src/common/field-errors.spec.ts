import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { Type } from 'class-transformer';
import { fieldErrorsOf } from './field-errors';

class Inner {
  @IsInt()
  @Min(1)
  count: number;
}

class Sample {
  @IsString()
  @IsNotEmpty()
  @MaxLength(5)
  @Matches(/^[a-z]+$/)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(3)
  note?: string;

  @IsObject()
  @ValidateNested()
  @Type(() => Inner)
  inner: Inner;
}

const errorsOf = (body: object) =>
  fieldErrorsOf(
    validateSync(plainToInstance(Sample, body), {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
    }),
  );

describe('fieldErrorsOf', () => {
  it('says a missing field is required, once', () => {
    expect(errorsOf({})).toEqual([
      { field: 'name', message: 'name is required' },
      { field: 'inner', message: 'inner is required' },
    ]);
  });

  it('gives a present field the first rule it breaks, in declaration order', () => {
    expect(errorsOf({ name: 42, note: 7, inner: { count: 'x' } })).toEqual([
      { field: 'name', message: 'name must be a string' },
      { field: 'note', message: 'note must be a string' },
      { field: 'inner.count', message: 'count must be an integer number' },
    ]);
    expect(errorsOf({ name: null, inner: { count: 1 } })).toEqual([
      { field: 'name', message: 'name must be a string' },
    ]);
    expect(errorsOf({ name: 'ABCDEFG', inner: { count: 0 } })).toEqual([
      { field: 'name', message: 'name must be shorter than or equal to 5 characters' },
      { field: 'inner.count', message: 'count must not be less than 1' },
    ]);
  });

  it('names an unknown field', () => {
    expect(errorsOf({ name: 'ok', inner: { count: 1 }, extra: undefined, other: 1 })).toEqual([
      { field: 'extra', message: 'property extra should not exist' },
      { field: 'other', message: 'property other should not exist' },
    ]);
  });
});
