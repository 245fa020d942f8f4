import { foldImageUrl } from './image-url';

describe('foldImageUrl', () => {
  it('folds the slashes of a namespaced image name into one path segment', () => {
    expect(foldImageUrl('/api/image/create/team/x:1')).toBe('/api/image/create/team%2Fx:1');
    expect(foldImageUrl('/api/image/item/registry.example.com:5000/a/b:2?force=1')).toBe('/api/image/item/registry.example.com:5000%2Fa%2Fb:2?force=1');
    expect(foldImageUrl('/api/image/item/team%2Fx/y')).toBe('/api/image/item/team%2Fx%2Fy');
  });

  it('leaves other URLs and single-segment names as they are', () => {
    for (const url of ['/api/image/create', '/api/image/list', '/api/image/create/x:1', '/api/image/item/team%2Fx%3A1', '/api/images/item/a/b', '/api/storage/file/default/a/b'])
      expect(foldImageUrl(url)).toBe(url);
  });
});
