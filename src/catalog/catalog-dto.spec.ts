import { getMetadataStorage } from 'class-validator';
import { DatasetDto } from '../dataset/dto/dataset.dto';
import { ModelDto } from '../model/dto/model.dto';
import { STORAGE_ID } from './catalog-fields';
import { CATALOG_NAME_PATTERN } from './name-pattern';

/** The regular expression of a DTO property's @Matches rule. */
function patternOf(target: new () => object, property: string): string | undefined {
  const rules = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  const rule = rules.find((m) => m.propertyName === property && m.name === 'matches');
  return (rule?.constraints?.[0] as RegExp | undefined)?.source;
}

// The DTOs spell the patterns as literals (the OpenAPI generator copies only
// literals into the schema): they must stay the shared constants.
describe('catalog DTO patterns', () => {
  it.each([
    ['DatasetDto', DatasetDto],
    ['ModelDto', ModelDto],
  ])('%s uses CATALOG_NAME_PATTERN for name and STORAGE_ID for storageId', (_, dto) => {
    expect(patternOf(dto, 'name')).toBe(CATALOG_NAME_PATTERN.source);
    expect(patternOf(dto, 'storageId')).toBe(STORAGE_ID.source);
  });
});
