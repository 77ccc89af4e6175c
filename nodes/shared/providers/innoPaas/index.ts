export { BATCH_NOTIFY_PATH, INNOPAAS_API_URL, innoPaasBaseUrl, MAX_NUMBERS as INNOPAAS_MAX_NUMBERS, SUCCESS_CODE as INNOPAAS_SUCCESS_CODE } from './common';
export { callingCodeOf, callingCodeOfCountry, countryOfNumber } from './countries';
export {
	innoPaasBatch,
	innoPaasBatchSchema,
	innoPaasCall,
	innoPaasCallSchema,
	innoPaasRecipient,
	packMobile,
	type InnoPaasBatch,
	type InnoPaasCall,
} from './notify';
export { innoPaasReceipts } from './receipts';
