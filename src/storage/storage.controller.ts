import { Controller, Delete, Get, Param, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Endpoint } from '../common/endpoint.decorator';
import { StorageDto } from './dto/storage.dto';
import { DeleteStorageItemQueryDto, ListStorageFilesQueryDto, StorageFileListDto } from './dto/storage-files.dto';
import {
  StorageItemResultDto,
  StorageUploadResultDto,
  StoredFileDto,
  SuccessDto,
  UploadItemDto,
} from './dto/storage-result.dto';
import { sendFile } from './file-response';
import { StorageService } from './storage.service';
import { STREAM_BODY, declaredLength, multipartParts, requestBodyStream } from './upload-http';

const FILE_PATH_DOC =
  'Path inside the storage. Nested paths may be sent percent-encoded in one segment (`a%2Fb.png`, as the SDK does) ' +
  'or with real slashes (`a/b.png`, as in an `<img src>`); the path is decoded once.';
const StorageIdParam = () =>
  ApiParam({ name: 'storage_id', description: 'Id of the storage (see GET /api/storage/list).' });
const FilePathParam = () => ApiParam({ name: 'file_path', description: FILE_PATH_DOC });

const FORM_FILES = {
  schema: {
    type: 'object',
    properties: {
      file: {
        type: 'array',
        items: { type: 'string', format: 'binary' },
        description: 'One or more files (any field name).',
      },
    },
  },
};

@ApiTags('storage')
@Controller('storage')
export class StorageController {
  constructor(private readonly storage: StorageService) {}

  @Get('list')
  @Endpoint({ summary: 'The configured storages' })
  @ApiOkResponse({ type: [StorageDto] })
  listStorages(): StorageDto[] {
    return this.storage.listStorages();
  }

  @Get('list/:storage_id')
  @StorageIdParam()
  @Endpoint({ summary: 'Files and folders at the root of a storage, a page at a time', errors: [400, 404, 503] })
  listStorageRootFiles(
    @Param('storage_id') storageId: string,
    @Query() q: ListStorageFilesQueryDto,
  ): Promise<StorageFileListDto> {
    return this.storage.listFiles(storageId, '', q.page!, q.count!);
  }

  @Get('list/:storage_id/:file_path')
  @StorageIdParam()
  @FilePathParam()
  @Endpoint({ summary: 'Files and folders of a folder of a storage, a page at a time', errors: [400, 404, 503] })
  listStorageFiles(
    @Param('storage_id') storageId: string,
    @Param('file_path') filePath: string,
    @Query() q: ListStorageFilesQueryDto,
  ): Promise<StorageFileListDto> {
    return this.storage.listFiles(storageId, filePath, q.page!, q.count!);
  }

  @Put('dir/:storage_id/:file_path')
  @StorageIdParam()
  @FilePathParam()
  @Endpoint({
    summary: 'Create a folder (and its missing parents); 403 "File already exist" if anything is there',
    errors: [400, 403, 404, 503, 507],
  })
  async createStorageDir(
    @Param('storage_id') storageId: string,
    @Param('file_path') filePath: string,
  ): Promise<StorageItemResultDto> {
    return { success: true, file_path: (await this.storage.makeDir(storageId, filePath)).relative };
  }

  @Get('file/:storage_id/:file_path')
  @StorageIdParam()
  @FilePathParam()
  @ApiProduces('application/octet-stream')
  @ApiResponse({
    status: 200,
    description: 'The file, streamed; Content-Type from its extension',
    content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({
    status: 206,
    description: 'The requested byte range (Range header)',
    content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match)' })
  @Endpoint({ summary: 'Download a file (usable as an <img src>; supports Range)', errors: [400, 404, 416, 503] })
  async getStorageFile(
    @Param('storage_id') storageId: string,
    @Param('file_path') filePath: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile | undefined> {
    return sendFile(request, reply, await this.storage.openFile(storageId, filePath));
  }

  @Post('file/:storage_id/:file_path')
  @StorageIdParam()
  @FilePathParam()
  @ApiConsumes('multipart/form-data')
  @ApiBody(FORM_FILES)
  @Endpoint({
    summary: 'Upload files: into an existing folder each under its own name, else the single file at the path',
    description: '404 "Path not found" when the folder to write into is missing. Each file is written atomically.',
    errors: [400, 404, 413, 503, 507],
  })
  async uploadStorageFiles(
    @Param('storage_id') storageId: string,
    @Param('file_path') filePath: string,
    @Req() request: FastifyRequest,
  ): Promise<StorageUploadResultDto> {
    return { success: true, files: await this.storage.uploadFiles(storageId, filePath, multipartParts(request)) };
  }

  @Put('file/:storage_id/:file_path')
  @RouteConfig({ [STREAM_BODY]: true })
  @StorageIdParam()
  @FilePathParam()
  @ApiConsumes('application/octet-stream')
  @ApiBody({
    schema: { type: 'string', format: 'binary' },
    description: 'The bytes of the file, whatever the Content-Type.',
  })
  @Endpoint({
    summary: 'Store the request body as a file (created or replaced atomically)',
    description: '404 "Path not found" when the folder of the file is missing.',
    errors: [400, 404, 413, 503, 507],
  })
  async putStorageFile(
    @Param('storage_id') storageId: string,
    @Param('file_path') filePath: string,
    @Req() request: FastifyRequest,
  ): Promise<StoredFileDto> {
    const stored = await this.storage.putFile(storageId, filePath, requestBodyStream(request), declaredLength(request));
    return { success: true, file_path: stored.path, size: stored.size };
  }

  @Delete('item/:storage_id/:file_path')
  @StorageIdParam()
  @FilePathParam()
  @Endpoint({
    summary: 'Delete a file or a folder (a non-empty folder with recursive=true); never the root',
    errors: [400, 404, 503],
  })
  async deleteStorageItem(
    @Param('storage_id') storageId: string,
    @Param('file_path') filePath: string,
    @Query() q: DeleteStorageItemQueryDto,
  ): Promise<SuccessDto> {
    await this.storage.deleteItem(storageId, filePath, q.recursive ?? false);
    return { success: true };
  }

  @Post('upload_item')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        ...FORM_FILES.schema.properties,
        unzip: { type: 'string', enum: ['true', 'false'], description: 'Extract each zip file into the item' },
      },
    },
  })
  @Endpoint({
    summary: 'Upload files as a temporary upload item (optionally extracting zip files)',
    errors: [400, 413, 503, 507],
  })
  createUploadItem(@Req() request: FastifyRequest): Promise<UploadItemDto> {
    return this.storage.createUploadItem(multipartParts(request));
  }

  @Delete('upload_item/:upload_id')
  @ApiParam({ name: 'upload_id', description: 'The upload_id POST /api/storage/upload_item returned.' })
  @Endpoint({ summary: 'Delete an upload item and its files', errors: [400, 404, 503] })
  async deleteUploadItem(@Param('upload_id') uploadId: string): Promise<SuccessDto> {
    await this.storage.deleteUploadItem(uploadId);
    return { success: true };
  }
}
