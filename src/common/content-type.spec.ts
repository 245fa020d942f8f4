import { contentTypeProblem, mediaTypeOf } from './content-type';

describe('contentTypeProblem', () => {
  const json = ['application/json'];

  it('takes the declared media types, whatever their parameters and case', () => {
    expect(mediaTypeOf(' Application/JSON ; charset=utf-8')).toBe('application/json');
    expect(contentTypeProblem('application/json; charset=utf-8', true, json)).toBeUndefined();
    expect(contentTypeProblem('multipart/form-data; boundary=x', true, ['multipart/form-data'])).toBeUndefined();
  });

  it('refuses another media type, or a body without one, naming what the route takes', () => {
    expect(contentTypeProblem('text/plain', true, json)).toBe('This route takes application/json, not text/plain');
    expect(contentTypeProblem('multipart/form-data; boundary=x', true, json)).toBe(
      'This route takes application/json, not multipart/form-data',
    );
    expect(contentTypeProblem(undefined, true, ['multipart/form-data'])).toBe(
      'This route takes multipart/form-data: set the Content-Type header',
    );
  });

  it('has nothing to refuse when there is no body', () => {
    expect(contentTypeProblem('text/plain', false, json)).toBeUndefined();
  });
});
